from django.urls import path

from .views import drafts, scenes, scripts, sheets

P = "projects/<int:project_id>/"
S = P + "scripts/<int:script_id>/"
D = S + "drafts/<int:number>/"
SC = D + "scenes/<int:scene_id>/"

urlpatterns = [
    path(P + "scripts/", scripts.scripts, name="scripts"),
    path(P + "breakdown-categories/", scripts.categories, name="breakdown_categories"),
    path(S + "revise/", scripts.script_revise, name="script_revise"),
    path(S + "lock/", scripts.script_lock, name="script_lock"),
    path(S + "cast/", scripts.cast, name="script_cast"),
    path(S + "aliases/<int:alias_id>/", scripts.alias_decide, name="alias_decide"),
    path(D, drafts.scenes, name="draft_scenes"),
    path(D + "lengths/", drafts.lengths, name="draft_lengths"),
    path(D + "lint/", drafts.lint, name="draft_lint"),
    path(D + "changes/", drafts.changes, name="draft_changes"),
    path(D + "sheets/", sheets.sheets_job, name="draft_sheets"),
    path(SC, scenes.scene, name="scene"),
    path(SC + "tags/", scenes.tag, name="scene_tag"),
    path(SC + "tags/<int:tag_id>/status/", scenes.tag_status, name="tag_status"),
    path(SC + "tags/<int:tag_id>/remove/", scenes.tag_remove, name="tag_remove"),
    path(SC + "sheet/", sheets.sheet, name="scene_sheet"),
    path(SC + "sheet.pdf", sheets.sheet_pdf, name="scene_sheet_pdf"),
]
