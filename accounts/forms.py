from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Fluid, Layout
from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _

from .models import User

PASSWORD_HINT = _(
    "Use at least 12 characters. Length matters more than anything else: three random words work well, "
    "like \u201ccoffee lamp river\u201d. You do not need symbols, numbers or capital letters. Do not use your "
    "name, a common password or one you use anywhere else."
)


def _helper(*fields, button: str) -> FormHelper:
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
        if len(username) > User._meta.get_field("username").max_length:
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
