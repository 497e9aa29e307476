"""One screen per module; each is imported only when it is first shown."""
