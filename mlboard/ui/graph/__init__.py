"""The dependency graph screen: scene, view widget, keys, compass and palette."""
