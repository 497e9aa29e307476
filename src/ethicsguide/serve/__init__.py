"""Serving the app to a classroom's browsers: access control, per-tab data, app workers."""
