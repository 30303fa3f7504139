"""Finding occupations: search over every occupation's names (O*NET's alternate titles included)
and descriptions beside the guides, and the browsable catalogue at /occupations/."""
