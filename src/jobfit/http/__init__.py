"""The HTTP host the API and the web pages share: the app with its middleware and error handlers (`host.py`), the
server and its worker processes, request dependencies, upload reading, schemas both speak. `api/` and `web/` are
siblings over it and never import each other."""
