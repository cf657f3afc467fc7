"""Chat handlers, one module per audience. Each turns an update into one use case and replies."""
