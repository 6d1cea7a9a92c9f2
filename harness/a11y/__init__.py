"""The accessibility audit (axe-core) of the pages the guide shows, and its baseline."""
