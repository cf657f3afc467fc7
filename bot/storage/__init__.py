"""What only the running bot stores: the inbox of updates, the sending lock, the gauges."""
