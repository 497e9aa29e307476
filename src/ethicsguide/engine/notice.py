"""The one wording of the notice every walkthrough, export and debrief carries."""

NOT_LEGAL_ADVICE = (
    "Not legal advice — check your state law and agency policy; consult your supervisor."
)
