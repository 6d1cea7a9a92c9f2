"""The operating guide: its step catalogue (catalog.toml, catalog), the screenshots of its steps
(shots), their index and approval (build), the DOCX/PDF document and the picture comparison."""
