"""Users, roles, project membership, the capability matrix, API tokens and invitations."""
