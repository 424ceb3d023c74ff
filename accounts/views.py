from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.messages.views import SuccessMessageMixin
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import forms, sessions, two_factor
from .models import Notification


@require_GET
def notifications(request):
    """The signed-in person's own notifications, newest first. Opening the page does not mark them read:
    reading one (following its link) or "mark all as read" does."""
    mine = Notification.objects.filter(recipient=request.user).order_by("-created_at", "-pk")
    page = Paginator(mine, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/notifications.html", {"page": page})


@require_POST
def notification_open(request, pk: int):
    notification = Notification.objects.filter(recipient=request.user, pk=pk).first()
    if notification is None:
        raise Http404("No such notification.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return redirect(notification.url or "accounts:notifications")


@require_POST
def notifications_read(request):
    Notification.objects.filter(recipient=request.user, read_at__isnull=True).update(read_at=timezone.now())
    return redirect("accounts:notifications")


@require_GET
def account(request):
    """The signed-in person's own account: two-factor sign-in, backup codes, password, and signing out
    everywhere."""
    app = TOTPDevice.objects.devices_for_user(request.user, confirmed=True).order_by("-pk").first()
    context = {"app": app, "codes_left": two_factor.backup_codes_left(request.user) if app else 0}
    return render(request, "accounts/account.html", context)


@require_http_methods(["GET", "POST"])
def sign_out_everywhere(request):
    """GET asks for confirmation; POST ends every session of this person, this one included."""
    if request.method == "POST":
        sessions.end_every_session(request.user)
        logout(request)
        messages.success(
            request, _("You have been signed out on every device, this one too. Sign in again to carry on.")
        )
        return redirect("accounts:sign-in")
    return render(request, "accounts/sign_out_everywhere.html")


class PasswordChangeView(SuccessMessageMixin, auth_views.PasswordChangeView):
    # Django's view keeps this session signed in and, as the password hash changed, ends the others.
    template_name = "accounts/password_change.html"
    form_class = forms.PasswordChangeForm
    success_url = reverse_lazy("accounts:account")
    success_message = gettext_lazy(
        "Your password has been changed. Anywhere else you were signed in, you have been signed out."
    )
