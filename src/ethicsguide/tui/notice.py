"""The notice every walkthrough and outcome shows: this guide is not legal advice."""

NOT_LEGAL_ADVICE = (
    "⚖  Not legal advice — check your state law and agency policy; consult your supervisor."
)
