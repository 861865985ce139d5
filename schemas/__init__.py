"""pandera schemas for every published table, and the cross-table rules between them."""
