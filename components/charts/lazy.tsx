"use client";
// The recharts charts, each loaded on demand. recharts brings its redux store, immer and
// decimal.js (~125 kB compressed, more than half a page's budget of 200 kB, issue 19): imported
// statically it lands in the first load of every page that can show a chart, though charts only
// draw after their data arrives. Through next/dynamic each chart is its own chunk fetched when it
// first renders; until then a placeholder of the chart's height holds its place. Not rendered on
// the server: ResponsiveContainer measures the browser's layout. Import charts from here.
import dynamic from "next/dynamic";
import type { BrushableTimeChart as BrushableTimeChartImpl } from "./brushable-time-chart";
import { Skeleton } from "../ui/skeleton";

const loading = () => <Skeleton className="h-52 w-full" />;

export const SliChart = dynamic(() => import("./sli-chart").then((m) => m.SliChart), { ssr: false, loading });
export const BurnDownChart = dynamic(() => import("./burn-down-chart").then((m) => m.BurnDownChart), { ssr: false, loading });
export const BacktestChart = dynamic(() => import("./backtest-chart").then((m) => m.BacktestChart), { ssr: false, loading });
export const DailyComplianceChart = dynamic(() => import("./daily-compliance-chart").then((m) => m.DailyComplianceChart), { ssr: false, loading });
export const LatencyDistributionChart = dynamic(() => import("./latency-distribution-chart").then((m) => m.LatencyDistributionChart), { ssr: false, loading });
// next/dynamic erases the type parameter; the props are the chart's own.
export const BrushableTimeChart = dynamic(() => import("./brushable-time-chart").then((m) => m.BrushableTimeChart), { ssr: false, loading }) as typeof BrushableTimeChartImpl;
