//! Tests of `provider-audit export` and `report` (PNG, SVG, Markdown, CSV).
