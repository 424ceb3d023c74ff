"""The forms of the referral import: the file upload, and the confirmation before importing."""

from typing import Any

from crispy_forms_gds.layout import Field, Size
from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..models import ReferralImport
from ..referral_import import MAX_FILE_BYTES, MAX_FILE_SIZE_LABEL, CsvFile, FileProblem, read_upload
from .common import helper


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Upload a CSV file"),
        help_text=_(
            "The referrals export from the council system, saved as CSV UTF-8. The file must be smaller than 5 MB."
        ),
        error_messages={
            "required": _("Select a CSV file"),
            "empty": _("The selected file is empty."),
            "invalid": _("Select a CSV file"),
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.csv_file: CsvFile | None = None
        self.helper = helper(Field.text("file", label_size=Size.MEDIUM), button=_("Upload and check the file"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # Checked before reading, so that a very large file is never read into memory.
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("The selected file must be smaller than %(size)s.") % {"size": MAX_FILE_SIZE_LABEL},
                code="too_large",
            )
        try:
            self.csv_file = read_upload(upload.read(), upload.name or "")
        except FileProblem as problem:
            raise forms.ValidationError(problem.message, code="unreadable") from None
        return upload


class ConfirmForm(forms.Form):
    """Importing starts only from here. With bad rows, the person must choose to leave them out."""

    only_good_rows = forms.BooleanField(required=False)

    def __init__(self, *args, upload: ReferralImport, **kwargs):
        super().__init__(*args, **kwargs)
        self.upload = upload
        bad = len(upload.problems)
        good = upload.good_rows
        fields = []
        if bad:
            self.fields["only_good_rows"].label = ngettext(
                "Import only the %(good)s good row",
                "Import only the %(good)s good rows",
                good,
            ) % {"good": good}
            self.fields["only_good_rows"].help_text = ngettext(
                "The %(bad)s row with a problem will not be imported.",
                "The %(bad)s rows with problems will not be imported.",
                bad,
            ) % {"bad": bad}
            fields.append(Field.checkbox("only_good_rows"))
        else:
            del self.fields["only_good_rows"]
        button = ngettext("Import %(good)s referral", "Import %(good)s referrals", good) % {"good": good}
        self.helper = helper(*fields, button=button)
        self.helper.form_action = reverse("referrals:import-confirm", args=[upload.pk])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        assert cleaned is not None, "Form.clean answers the cleaned data"
        if not self.upload.good_rows:
            raise forms.ValidationError(
                _("No row can be imported. Correct the file and upload it again."), code="nothing_to_import"
            )
        if self.upload.problems and not cleaned.get("only_good_rows"):
            self.add_error(
                "only_good_rows",
                forms.ValidationError(
                    _("Tick the box to import only the good rows, or correct the file and upload it again"),
                    code="bad_rows",
                ),
            )
        return cleaned
