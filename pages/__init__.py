"""Page objects of both portals. They locate elements by the texts the guide shows, so the
same objects work on the mock and on staging; they act and never assert."""
