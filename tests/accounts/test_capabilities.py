from greenlight.accounts.capabilities import Capability, Grant, Role, capabilities_of, permits


def test_crew_and_viewers_never_see_costs():
    for role in (Role.CREW, Role.VIEWER, Role.DEPARTMENT_HEAD, Role.ASSOCIATE_PRODUCER):
        assert not permits(Grant(role), Capability.VIEW_BUDGET)


def test_department_head_manages_people_only_in_their_departments():
    grant = Grant(Role.DEPARTMENT_HEAD, frozenset({7}))
    assert permits(grant, Capability.MANAGE_PEOPLE, department=7)
    assert not permits(grant, Capability.MANAGE_PEOPLE, department=8)
    assert not permits(grant, Capability.MANAGE_PEOPLE, department=None)


def test_associate_producer_without_departments_is_project_wide():
    assert permits(Grant(Role.ASSOCIATE_PRODUCER), Capability.MANAGE_PEOPLE, department=None)


def test_associate_producer_assigned_departments_is_scoped_to_them():
    grant = Grant(Role.ASSOCIATE_PRODUCER, frozenset({3}))
    assert permits(grant, Capability.MANAGE_PEOPLE, department=3)
    assert not permits(grant, Capability.MANAGE_PEOPLE, department=4)
    assert permits(grant, Capability.EDIT_PROJECT)


def test_no_grant_permits_nothing():
    assert capabilities_of(None) == frozenset()
    assert not any(permits(None, c) for c in Capability)


def test_only_the_executive_producer_holds_budget_capabilities():
    budget = {Capability.VIEW_BUDGET, Capability.EDIT_BUDGET, Capability.APPROVE_BUDGET}
    for role in Role:
        held = capabilities_of(Grant(role)) & budget
        assert held == (budget if role == Role.EXECUTIVE_PRODUCER else set())
