from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from pearls.catalogue import vocabulary

from . import access, exporting, grid, selectors, services
from .forms import AssetForm, FilterForm, ImportForm, RelationshipForm, StakeholderForm
from .models import CulturalAsset, Stakeholder

GET_POST = ["GET", "HEAD", "POST"]
MIN_SECTORS = 3  # the action plan asks for partners from at least three sectors


def _page(request, template, municipality, context, *, status=200):
    if "can_edit" not in context:
        context["can_edit"] = access.can_edit_ecosystem(request.user, municipality)
    return render(
        request,
        f"ecosystem/{template}",
        {"municipality": municipality, **context},
        status=status,
    )


@login_required
@require_safe
def ecosystem(request, slug):
    municipality = access.municipality_for_ecosystem(request.user, slug)
    filter_form = FilterForm(request.GET or None)
    filters = filter_form.filters()
    everyone = Stakeholder.objects.filter(municipality=municipality)
    counts = selectors.sectors_count(everyone, include_empty=True)
    can_edit = access.can_edit_ecosystem(request.user, municipality)
    return _page(
        request,
        "ecosystem.html",
        municipality,
        {
            "filter_form": filter_form,
            "filtered": bool(filters),
            "stakeholders": selectors.stakeholders_of(municipality, filters),
            "stakeholder_total": sum(count.count for count in counts),
            "assets": selectors.assets_of(municipality),
            "sector_counts": counts,
            "sectors_covered": sum(1 for count in counts if count.count),
            "min_sectors": MIN_SECTORS,
            "can_edit": can_edit,
            "show_contacts": can_edit,  # contact e-mails: only for those who may edit
        },
    )


@login_required
@require_safe
def grid_view(request, slug):
    municipality = access.municipality_for_ecosystem(request.user, slug)
    stakeholders = list(selectors.stakeholders_of(municipality))
    rows = [
        {
            "number": number,
            "stakeholder": stakeholder,
            "quadrant": grid.quadrant_label(
                grid.quadrant(stakeholder.influence, stakeholder.interest)
            ),
        }
        for number, stakeholder in enumerate(stakeholders, start=1)
    ]
    chart = (
        grid.grid_svg(
            [(number, s.name, s.influence, s.interest) for number, s in enumerate(stakeholders, 1)],
            title=_("Influence and interest of the stakeholders of %(town)s")
            % {"town": municipality.official_name},
            description=_(
                "Each numbered dot is a stakeholder, placed by interest (across) and influence "
                "(up). The table below gives the same numbers, names and scores."
            ),
        )
        if stakeholders
        else None
    )
    quadrants = [
        (grid.quadrant_label(code), grid.ADVICE[code])
        for code in ("manage", "satisfy", "inform", "monitor")
    ]
    return _page(
        request,
        "grid.html",
        municipality,
        {"rows": rows, "chart": chart, "quadrants": quadrants, "high": grid.HIGH},
    )


def _markers(assets):
    """GeoJSON of the located assets for the map script."""
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [asset.longitude, asset.latitude]},
                "properties": {
                    "name": asset.name,
                    "kind": asset.get_kind_display(),
                    "address": asset.address,
                },
            }
            for asset in assets
        ],
    }


@login_required
@require_safe
def map_view(request, slug):
    municipality = access.municipality_for_ecosystem(request.user, slug)
    assets = list(selectors.assets_of(municipality))
    located = [asset for asset in assets if asset.latitude is not None]
    return _page(
        request,
        "map.html",
        municipality,
        {
            "located": located,
            "unlocated": [asset for asset in assets if asset.latitude is None],
            "markers": _markers(located),
            "tile_url": settings.PEARLS_MAP_TILE_URL,
            "tile_attribution": settings.PEARLS_MAP_TILE_ATTRIBUTION,
        },
    )


def _relationship_form(municipality, data=None):
    return RelationshipForm(
        data,
        municipality=municipality,
        stakeholders=selectors.partner_choices(municipality),
        assets=list(selectors.assets_of(municipality).order_by("name")),
    )


def _relationships_page(request, municipality, *, form=None, status=200):
    return _page(
        request,
        "relationships.html",
        municipality,
        {
            "relationships": selectors.relationships_of(municipality),
            "form": form or _relationship_form(municipality),
        },
        status=status,
    )


@login_required
@require_safe
def relationships(request, slug):
    municipality = access.municipality_for_ecosystem(request.user, slug)
    return _relationships_page(request, municipality)


@login_required
@require_POST
def relationship_add(request, slug):
    municipality = access.municipality_for_ecosystem(request.user, slug, edit=True)
    form = _relationship_form(municipality, request.POST)
    if form.is_valid():
        asset, other = form.target_objects()
        try:
            services.relationship_add(
                municipality=municipality,
                stakeholder=form.cleaned_data["stakeholder"],
                kind=form.cleaned_data["kind"],
                asset=asset,
                other=other,
                note=form.cleaned_data["note"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The relationship was added."))
            return redirect("ecosystem:relationships", slug=municipality.slug)
    return _relationships_page(request, municipality, form=form, status=400)


@login_required
@require_POST
def relationship_delete(request, slug, pk):
    relationship = access.relationship_for(request.user, slug, pk, edit=True)
    services.relationship_delete(relationship=relationship, actor=request.user)
    messages.success(request, _("The relationship was removed."))
    return redirect("ecosystem:relationships", slug=relationship.municipality.slug)


# -- stakeholders and assets: add, edit, delete ------------------------------------------------


def _edit(request, municipality, *, record, form_class, save, template, success):
    """GET: the form; POST: save through ``save`` and go back to the list. A conflict with
    another person's change shows the form again with this person's input and the values
    saved now."""
    current = None
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            try:
                saved = save(
                    municipality=municipality,
                    values=form.values(),
                    actor=request.user,
                    loaded_at=services.parse_loaded_at(form.cleaned_data["updated_at"]),
                    record=record,
                )
            except ValidationError as error:
                if getattr(error, "code", None) == "conflict":
                    saved_now = type(record).objects.get(pk=record.pk)
                    form = form.reloaded(saved_now)
                    form.is_valid()
                    current = [
                        (form[name].label, _display(saved_now, name)) for name in form._meta.fields
                    ]
                form.add_error(None, error)
            else:
                messages.success(request, success % {"name": saved.name})
                return redirect(reverse("ecosystem:ecosystem", args=[municipality.slug]))
    else:
        form = form_class(record=record)
    return _page(
        request,
        template,
        municipality,
        {"form": form, "record": record, "current": current},
        status=400 if form.errors else 200,
    )


def _display(record, name):
    """A field's value as the reader sees it (labels for codes)."""
    if name == "organisation_type":
        return vocabulary.label("organisation_types", record.organisation_type)
    if name in ("sector", "kind"):
        return getattr(record, f"get_{name}_display")()
    value = getattr(record, name)
    return "" if value is None else value


def _save_stakeholder(*, record=None, **kwargs):
    return services.stakeholder_save(stakeholder=record, **kwargs)


def _save_asset(*, record=None, **kwargs):
    return services.asset_save(asset=record, **kwargs)


@login_required
@require_http_methods(GET_POST)
def stakeholder_add(request, slug):
    municipality = access.municipality_for_ecosystem(request.user, slug, edit=True)
    return _edit(
        request,
        municipality,
        record=None,
        form_class=StakeholderForm,
        save=_save_stakeholder,
        template="stakeholder_form.html",
        success=_("“%(name)s” was added to the map."),
    )


@login_required
@require_http_methods(GET_POST)
def stakeholder_edit(request, slug, pk):
    stakeholder = access.stakeholder_for(request.user, slug, pk, edit=True)
    return _edit(
        request,
        stakeholder.municipality,
        record=stakeholder,
        form_class=StakeholderForm,
        save=_save_stakeholder,
        template="stakeholder_form.html",
        success=_("The changes to “%(name)s” were saved."),
    )


@login_required
@require_http_methods(GET_POST)
def stakeholder_delete(request, slug, pk):
    stakeholder = access.stakeholder_for(request.user, slug, pk, edit=True)
    municipality = stakeholder.municipality
    if request.method == "POST":
        services.stakeholder_delete(stakeholder=stakeholder, actor=request.user)
        messages.success(
            request, _("“%(name)s” was removed from the map.") % {"name": stakeholder.name}
        )
        return redirect("ecosystem:ecosystem", slug=municipality.slug)
    return _page(
        request,
        "confirm_delete.html",
        municipality,
        {
            "record": stakeholder,
            "relationships": selectors.relationships_of(municipality, stakeholder=stakeholder),
        },
    )


@login_required
@require_http_methods(GET_POST)
def asset_add(request, slug):
    municipality = access.municipality_for_ecosystem(request.user, slug, edit=True)
    return _edit(
        request,
        municipality,
        record=None,
        form_class=AssetForm,
        save=_save_asset,
        template="asset_form.html",
        success=_("“%(name)s” was added to the map."),
    )


@login_required
@require_http_methods(GET_POST)
def asset_edit(request, slug, pk):
    asset = access.asset_for(request.user, slug, pk, edit=True)
    return _edit(
        request,
        asset.municipality,
        record=asset,
        form_class=AssetForm,
        save=_save_asset,
        template="asset_form.html",
        success=_("The changes to “%(name)s” were saved."),
    )


@login_required
@require_http_methods(GET_POST)
def asset_delete(request, slug, pk):
    asset = access.asset_for(request.user, slug, pk, edit=True)
    municipality = asset.municipality
    if request.method == "POST":
        services.asset_delete(asset=asset, actor=request.user)
        messages.success(request, _("“%(name)s” was removed from the map.") % {"name": asset.name})
        return redirect("ecosystem:ecosystem", slug=municipality.slug)
    return _page(
        request,
        "confirm_delete.html",
        municipality,
        {"record": asset, "relationships": asset.relationships.select_related("stakeholder")},
    )


# -- CSV import and export ---------------------------------------------------------------------


@login_required
@require_http_methods(GET_POST)
def ecosystem_import(request, slug):
    municipality = access.municipality_for_ecosystem(request.user, slug, edit=True)
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            result = services.ecosystem_import(
                municipality=municipality,
                kind=form.cleaned_data["kind"],
                file=form.cleaned_data["file"],
                actor=request.user,
            )
        except ValidationError as error:
            problems = error.messages
        else:
            messages.success(
                request,
                ngettext(
                    "%(total)s row read: %(created)s added, %(updated)s changed, "
                    "%(unchanged)s unchanged.",
                    "%(total)s rows read: %(created)s added, %(updated)s changed, "
                    "%(unchanged)s unchanged.",
                    result.total,
                )
                % {
                    "total": result.total,
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                },
            )
            return redirect("ecosystem:ecosystem", slug=municipality.slug)
    columns = {kind: exporting.columns(kind, with_contacts=True) for kind in exporting.COLUMNS}
    return _page(
        request,
        "import.html",
        municipality,
        {
            "form": form,
            "problems": problems,
            "columns": columns,
            "required": exporting.REQUIRED,
            "organisation_types": vocabulary.choices("organisation_types"),
            "sectors": Stakeholder._meta.get_field("sector").choices,
            "kinds": CulturalAsset.Kind.choices,
        },
        status=400 if (problems or form.errors) else 200,
    )


def _download(municipality, kind, records, *, with_contacts):
    response = HttpResponse(
        exporting.csv_text(kind, records, with_contacts=with_contacts),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{municipality.slug}-{kind}.csv"'
    return response


@login_required
@require_safe
def export_stakeholders(request, slug):
    municipality = access.municipality_for_ecosystem(request.user, slug)
    return _download(
        municipality,
        "stakeholders",
        Stakeholder.objects.filter(municipality=municipality),
        with_contacts=access.can_edit_ecosystem(request.user, municipality),
    )


@login_required
@require_safe
def export_assets(request, slug):
    municipality = access.municipality_for_ecosystem(request.user, slug)
    return _download(
        municipality,
        "assets",
        CulturalAsset.objects.filter(municipality=municipality),
        with_contacts=False,
    )
