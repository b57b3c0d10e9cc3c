"""The queue worker: drains the batch queue (`jobfit worker`, and in-process under `jobfit serve`), calling the same
services as the API, the web pages and the CLI."""
