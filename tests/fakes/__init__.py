"""Test doubles that speak real wire protocols (see DESIGN.md, "Testing the LLM without a network")."""
