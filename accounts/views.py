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
    """The signed-in person's own notifications: the urgent first, then the newest. Those they marked done
    are out of the way: counted, and listed on their own page (`?done=1`). Opening the page does not mark
    them read: reading one (following its link) or "mark all as read" does."""
    mine = Notification.objects.filter(recipient=request.user)
    showing_done = request.GET.get("done") == "1"
    if showing_done:
        shown = mine.filter(done_at__isnull=False).order_by("-done_at", "-pk")
        other_count = mine.filter(done_at__isnull=True).count()
    else:
        shown = mine.filter(done_at__isnull=True).order_by("-urgent", "-created_at", "-pk")
        other_count = mine.filter(done_at__isnull=False).count()
    page = Paginator(shown, 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "showing_done": showing_done,
        "other_count": other_count,
        "query": "done=1" if showing_done else "",
    }
    return render(request, "accounts/notifications.html", context)


def _own_notification(request, pk: int) -> Notification:
    """One of the signed-in person's own notifications; anyone else's is 404, like one that does not exist."""
    notification = Notification.objects.filter(recipient=request.user, pk=pk).first()
    if notification is None:
        raise Http404("No such notification.")
    return notification


@require_POST
def notification_open(request, pk: int):
    notification = _own_notification(request, pk)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return redirect(notification.url or "accounts:notifications")


@require_POST
def notification_done(request, pk: int):
    """Mark one done: it moves out of the way (and is read). Done twice changes nothing."""
    notification = _own_notification(request, pk)
    if notification.done_at is None:
        now = timezone.now()
        notification.done_at = now
        notification.read_at = notification.read_at or now
        notification.save(update_fields=["done_at", "read_at"])
    return redirect("accounts:notifications")


@require_POST
def notifications_read(request):
    Notification.objects.filter(recipient=request.user, read_at__isnull=True).update(read_at=timezone.now())
    return redirect("accounts:notifications")


@require_GET
def account(request):
    """The signed-in person's own account: two-factor sign-in, backup codes, password, which notifications
    come by email, and signing out everywhere."""
    return _account_page(request, forms.EmailChoicesForm(user=request.user))


def _account_page(request, email_form: forms.EmailChoicesForm, status: int = 200):
    app = TOTPDevice.objects.devices_for_user(request.user, confirmed=True).order_by("-pk").first()
    context = {
        "app": app,
        "codes_left": two_factor.backup_codes_left(request.user) if app else 0,
        "email_form": email_form,
    }
    return render(request, "accounts/account.html", context, status=status)


@require_POST
def email_choices(request):
    """Save which kinds of notification come by email; a bad choice shows the account page with the error."""
    form = forms.EmailChoicesForm(request.POST, user=request.user)
    if not form.is_valid():
        return _account_page(request, form, status=400)
    form.save()
    messages.success(request, _("Your email choices have been saved."))
    return redirect("accounts:account")


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
