"""Account pages: sign-in, API tokens, accepting an invitation."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from greenlight.web.forms import run_action

from . import services
from .forms import AcceptInvitationForm, TokenForm


class SignIn(LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


sign_in = login_not_required(SignIn.as_view())


def account(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        issued = run_action(
            form,
            lambda: services.create_token(
                request.user, form.cleaned_data["name"], at=timezone.now()
            ),
        )
        if issued is not None:
            new_token = issued.plaintext
            form = TokenForm()
    tokens = request.user.api_tokens.all()  # type: ignore[union-attr]
    return render(
        request, "accounts/account.html", {"form": form, "tokens": tokens, "new_token": new_token}
    )


@require_POST
def revoke_token(request: HttpRequest, token_id: int) -> HttpResponse:
    token = services.revoke_token(request.user, token_id, at=timezone.now())
    messages.success(request, f"Revoked {token.name}.")
    return redirect("account")


@login_not_required
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.pending_invitation(token, at=timezone.now())
    form = AcceptInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        membership = run_action(
            form,
            lambda: services.accept_invitation(
                token, d["username"], d["password"], d["full_name"], at=timezone.now()
            ),
        )
        if membership is not None:
            login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, f"Welcome to {membership.project}.")
            return redirect("project", membership.project_id)
    return render(request, "accounts/accept.html", {"form": form, "invitation": invitation})
