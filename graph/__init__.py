"""Oversight Graph: a sourced knowledge graph of who holds the police to account in the UK."""
