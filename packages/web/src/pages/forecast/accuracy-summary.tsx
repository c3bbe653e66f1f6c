import type { ForecastAccuracyResponse } from '@floorplan/contracts';
import { formatNumber, formatRatio } from './history';

/** WAPE, bias, MASE and the Poisson WAPE floor of the active run against actuals, per interval and per day. */
export function AccuracySummary({ data }: { data: ForecastAccuracyResponse }) {
  return (
    <table className="data" data-testid="forecast-accuracy">
      <caption>
        Accuracy of version {data.run.version} against actuals, {data.from} – {data.to}
      </caption>
      <thead>
        <tr>
          <th scope="col">Level</th>
          <th scope="col" className="num">WAPE</th>
          <th scope="col" className="num">Bias</th>
          <th scope="col" className="num">MASE</th>
          <th scope="col" className="num">WAPE floor</th>
          <th scope="col" className="num">Actual</th>
          <th scope="col" className="num">Forecast</th>
        </tr>
      </thead>
      <tbody>
        {(['interval', 'day'] as const).map((level) => (
          <tr key={level}>
            <th scope="row">{level === 'interval' ? 'Interval' : 'Day'}</th>
            <td className="num">{formatRatio(data[level].wape)}</td>
            <td className="num">{formatRatio(data[level].bias)}</td>
            <td className="num">{formatNumber(data[level].mase)}</td>
            <td className="num">{formatRatio(data[level].wapeFloor)}</td>
            <td className="num">{data[level].actualTotal.toFixed(0)}</td>
            <td className="num">{data[level].forecastTotal.toFixed(0)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
