"""Domain layer: pydantic models and error types. Imports nothing else of ours."""
