"""The notice every walkthrough and outcome shows: this guide is not legal advice."""

from ethicsguide.engine.notice import NOT_LEGAL_ADVICE as _NOTICE

NOT_LEGAL_ADVICE = f"⚖  {_NOTICE}"
