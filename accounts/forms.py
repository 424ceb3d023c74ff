from typing import TYPE_CHECKING

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Fixed, Fluid, Layout, Size
from django import forms
from django.contrib.auth import forms as auth_forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import two_factor
from .models import User
from .notifications import EMAIL_TEXT

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

PASSWORD_HINT = _(
    "Use at least 12 characters. Length matters more than anything else: three random words work well, "
    "like \u201ccoffee lamp river\u201d. You do not need symbols, numbers or capital letters. Do not use your "
    "name, a common password or one you use anywhere else."
)


def _helper(*fields, button: "StrOrPromise") -> FormHelper:
    helper = FormHelper()
    helper.layout = Layout(*fields, Button("submit", button))
    return helper


class SignInForm(auth_forms.AuthenticationForm):
    error_messages = {
        "invalid_login": _("Enter a correct username and password. Both are case-sensitive."),
        "inactive": _("This account is not active. Ask your administrator."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Username")
        self.fields["password"].label = _("Password")
        self.helper = _helper(
            Field.text("username", field_width=Fluid.ONE_HALF),
            Field.text("password", field_width=Fluid.ONE_HALF),
            button=_("Sign in"),
        )

    def clean_username(self):
        # AuthenticationForm sets max_length after the field is built, so no length check runs and an
        # over-long name would reach the lock-out record (a 255-character column) and fail there.
        username = self.cleaned_data["username"]
        limit = User._meta.get_field("username").max_length
        if limit is not None and len(username) > limit:
            raise forms.ValidationError(
                self.error_messages["invalid_login"],
                code="invalid_login",
                params={"username": self.username_field.verbose_name},
            )
        return username


class PasswordResetForm(auth_forms.PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Email address")
        self.helper = _helper(Field.text("email", field_width=Fluid.ONE_HALF), button=_("Send reset link"))


class SetPasswordForm(auth_forms.SetPasswordForm):
    button = _("Save new password")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("New password")
        self.fields["new_password1"].help_text = PASSWORD_HINT
        self.fields["new_password2"].label = _("Type the new password again")
        self.fields["new_password2"].help_text = ""
        self.helper = _helper(*self._password_fields(), button=self.button)

    def _password_fields(self):
        return [
            Field.text("new_password1", field_width=Fluid.ONE_HALF, autocomplete="new-password"),
            Field.text("new_password2", field_width=Fluid.ONE_HALF, autocomplete="new-password"),
        ]


class PasswordChangeForm(auth_forms.PasswordChangeForm, SetPasswordForm):
    button = _("Change password")

    def _password_fields(self):
        self.fields["old_password"].label = _("Your password now")
        return [
            Field.text("old_password", field_width=Fluid.ONE_HALF, autocomplete="current-password"),
            *super()._password_fields(),
        ]


class CodeForm(forms.Form):
    """One box for a code: six digits from the app, or a backup code. Which device checks it (and counts
    a wrong one towards its throttle) is decided by the code's shape; see accounts.two_factor."""

    error_messages = {
        "required": _("Enter the 6-digit code from your authenticator app, or a backup code"),
        "shape": _("Enter the 6 digits your authenticator app shows, or a backup code of 8 letters and numbers"),
        "wrong": _("That code is not right. Enter the code your app shows now, or a backup code you have not used"),
    }
    label = _("Code from your authenticator app, or a backup code")
    hint = _("The code changes every 30 seconds. Spaces do not matter.")
    button = _("Continue")

    code = forms.CharField(max_length=40, strip=True)

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.device = None
        self.fields["code"].label = self.label
        self.fields["code"].help_text = self.hint
        self.fields["code"].error_messages["required"] = self.error_messages["required"]
        self.helper = _helper(
            Field.text(
                "code", field_width=Fixed.TEN, autocomplete="one-time-code", spellcheck="false", autocapitalize="none"
            ),
            button=self.button,
        )

    def clean_code(self):
        code = two_factor.normalise(self.cleaned_data["code"])
        device = self.find_device(code)
        if device is None:
            raise forms.ValidationError(self.error_messages["shape"], code="shape")
        check = two_factor.check_code(user=self.user, code=code, device=device)
        if check.wait_seconds:
            raise forms.ValidationError(two_factor.wait_message(check.wait_seconds), code="throttled")
        if not check.ok:
            raise forms.ValidationError(self.error_messages["wrong"], code="wrong")
        self.device = check.device
        return code

    def find_device(self, code: str):
        return two_factor.device_for_code(self.user, code)


class SetUpCodeForm(CodeForm):
    """The code that proves the app was set up: from the pending app only, never a backup code."""

    error_messages = {
        "required": _("Enter the 6-digit code your authenticator app shows"),
        "shape": _("Enter the 6 digits your authenticator app shows"),
        "wrong": _("That code is not right. Enter the code your app shows now"),
    }
    label = _("Code from your authenticator app")
    hint = _("6 digits. The code changes every 30 seconds.")
    button = _("Confirm and continue")

    def __init__(self, *args, device, **kwargs):
        self.pending = device
        super().__init__(*args, **kwargs)

    def find_device(self, code: str):
        return self.pending if two_factor.APP_CODE.fullmatch(code) else None


class EmailChoicesForm(forms.Form):
    """Which kinds of notification come by email too (every kind is always in the app)."""

    emailed = forms.MultipleChoiceField(
        label=_("Email me when"),
        help_text=_(
            "Everything is always on your notifications page. The emails say only what kind of thing it is, "
            "never who it is about."
        ),
        choices=list(EMAIL_TEXT.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("Choose only from the kinds listed")},
    )

    def __init__(self, *args, user: User, **kwargs):
        kwargs.setdefault("initial", {"emailed": [kind for kind in EMAIL_TEXT if kind not in (user.emails_off or [])]})
        super().__init__(*args, **kwargs)
        self.user = user
        self.helper = _helper(Field.checkboxes("emailed", legend_size=Size.SMALL), button=_("Save email choices"))
        self.helper.form_action = reverse("accounts:email-choices")

    def save(self) -> User:
        chosen = set(self.cleaned_data["emailed"])
        self.user.emails_off = [kind for kind in EMAIL_TEXT if kind not in chosen]
        self.user.save(update_fields=["emails_off"])
        return self.user
