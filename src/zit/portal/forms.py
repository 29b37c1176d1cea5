from django import forms
from django.utils.translation import gettext_lazy as _

from zit.portal.models import AccessibilityStatement
from zit.portal.services import STATEMENT_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StatementForm(forms.ModelForm):
    class Meta:
        model = AccessibilityStatement
        fields = list(STATEMENT_FIELDS)  # the fields the service saves, in one place
        widgets = {
            "prepared_on": DATE,
            "reviewed_on": DATE,
            "known_problems": forms.Textarea(attrs={"rows": 6}),
            "exemptions": forms.Textarea(attrs={"rows": 4}),
            "architecture": forms.Textarea(attrs={"rows": 6}),
            "sign_language": forms.Textarea(attrs={"rows": 3}),
            "mobile_apps": forms.Textarea(attrs={"rows": 2}),
            "easy_read": forms.Textarea(attrs={"rows": 20}),
            "pjm_text": forms.Textarea(attrs={"rows": 6}),
            "pjm_video": forms.ClearableFileInput(attrs={"accept": "video/mp4,video/webm"}),
        }
        help_texts = {
            "reviewed_on": _("Deklarację przegląda się i aktualizuje co najmniej raz w roku."),
            "pjm_video": _(
                "Plik MP4 lub WebM, najwyżej 50 MB. Zamiast pliku (albo obok niego) można podać odnośnik."
            ),
        }

    def _post_clean(self):
        pass  # validation belongs to the service; the view shows its errors on the fields
