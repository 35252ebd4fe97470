/** The weather "service": a fixed table shipped with the example, so answers are reproducible. */
export interface Weather {
  readonly city: string;
  readonly condition: string;
  readonly temperatureC: number;
}

const TABLE: Readonly<Record<string, Omit<Weather, 'city'>>> = {
  hangzhou: { condition: 'light rain', temperatureC: 18 },
  beijing: { condition: 'sunny', temperatureC: 9 },
  shanghai: { condition: 'cloudy', temperatureC: 16 },
  singapore: { condition: 'thunderstorms', temperatureC: 31 },
  london: { condition: 'overcast', temperatureC: 11 },
};

/** Looks a city up; unknown cities are an error the agent sees as the tool's failure. */
export function lookupWeather(city: string): Weather {
  const entry = TABLE[city.trim().toLowerCase()];
  if (!entry) throw new Error(`no weather data for "${city}"`);
  return { city, ...entry };
}
