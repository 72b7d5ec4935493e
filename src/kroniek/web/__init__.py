"""The analyst web UI (``kroniek serve``), the self-contained report (``kroniek report``) and the
web benchmark (``kroniek bench-web``): read-only views over one kroniek database.

- :mod:`.data`: what each page shows, as plain data (the JSON twins);
- :mod:`.charts`: the timeline, a dyad's monthly series and the network as inline SVG;
- :mod:`.highlight`: an article's text with actors, time expressions and evidence marked;
- :mod:`.app`: the Starlette app, its routes and security headers;
- :mod:`.report`: the same views in one HTML file.
"""
