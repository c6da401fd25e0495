"""The Claude provider: circuit breaker, retries and timeouts, streaming, structured output, prompt and content
caching, cost ledger and budget, privacy placeholders.

Modules, each named after what it holds: `breaker` (the circuit breaker), `retry` (the retry policy and loop),
`errors` (what can go wrong, in one line each), `models_catalog` (model ids, routing, prices, deprecations),
`privacy` (placeholders out, real values back), `digest` (the compact CV/job/match blocks), `replies` (the
shapes Claude answers in → artifacts), `prompts` (every prompt and the request layout), `cost` (estimates,
bills, budget), `ports` (what we need from storage, as protocols), `client` (the SDK wrapper), `service` (one per
library: key, catalog, breaker, status), `provider` (`AnthropicProvider`, with the offline fallback).

Importing this package is cheap; the SDK is imported only when a call is made.
"""
