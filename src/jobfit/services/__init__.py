"""Use cases, one module each: upload, analyze, ranking, suggest, reembed, reprofile.

The only place that composes the pure core with the store. The API, the web pages and the CLI call these
functions alike (a session, the user, the runtime in; typed results out; `services.errors` for refusals).
"""
