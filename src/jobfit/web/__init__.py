"""The web app: server-rendered pages at / over the same services the API uses."""
