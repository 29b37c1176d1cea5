"""The members' shares against the list: every member's share, listed, contracted and free for the office and
the bodies, and one member's page that the member's own officer sees too."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from zit.association.models import Member
from zit.core.roles import Perm, has_perm, scoped_organisation_ids
from zit.funding.selectors import agreement_current
from zit.funding.shares import key_view, method_explained
from zit.projects import list_shares


def _context(table) -> dict:
    if table is None:
        return {"table": None}
    return {"table": table, "view": key_view(table.key), "explained": method_explained(table.key)}


@login_required
def member_shares(request):
    if not has_perm(request.user, Perm.PROJECTS_VIEW):
        own = Member.objects.filter(
            organisation_id__in=scoped_organisation_ids(request.user, Perm.PROJECTS_VIEW) or ()
        ).first()
        if own is None:
            raise PermissionDenied(_("Udziały wszystkich członków widzą biuro i organy Stowarzyszenia."))
        return redirect("projects:member_share", slug=own.slug)
    table = list_shares.office_table(agreement_current())
    return render(request, "projects/member_shares.html", _context(table))


@login_required
def member_share(request, slug: str):
    member = get_object_or_404(Member.objects.select_related("organisation"), slug=slug)
    if not has_perm(request.user, Perm.PROJECTS_VIEW, organisation_id=member.organisation_id):
        raise PermissionDenied(_("Tę stronę widzą biuro, organy Stowarzyszenia i urzędnicy tego członka."))
    # the member's officer sees the approved list, as the public does: a draft version shows other applicants'
    # cards (organisations seated in the member's territory count towards it) before the Council approves it
    office = has_perm(request.user, Perm.PROJECTS_VIEW)
    table = (list_shares.office_table if office else list_shares.public_table)(agreement_current())
    context = _context(table) | {"member": member}
    context["position"] = table.of(member) if table else None
    context["share_row"] = (
        next((r for r in context["view"].rows if r.member.pk == member.pk), None) if table else None
    )
    return render(request, "projects/member_share.html", context)
