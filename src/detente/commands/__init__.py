"""CLI commands of the analysis views, one module each; each registers itself on `detente.cli.app`."""
