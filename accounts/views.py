from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import two_factor
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
    """The signed-in person's own account: two-factor sign-in and backup codes."""
    app = TOTPDevice.objects.devices_for_user(request.user, confirmed=True).order_by("-pk").first()
    context = {"app": app, "codes_left": two_factor.backup_codes_left(request.user) if app else 0}
    return render(request, "accounts/account.html", context)
