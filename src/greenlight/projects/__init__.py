"""Productions (film, series with episodes, game), departments, people, the portfolio."""
