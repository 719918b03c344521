// Shapes shared by the rule generators (lib/promql/rules*.ts). Pure types.
import type { AlertSettings } from "@/lib/schemas/rules";
import type { CreateSloInput } from "@/lib/schemas/slo";
import type { PromQL } from "./ast";
import type { ProducerProfile } from "./profiles";
import type { LeSpellings, SloSelection } from "./slo-queries";

/** What rule generation needs of an SLO (a SloDto fits). */
export type RuleSlo = SloSelection &
  Pick<CreateSloInput, "slug" | "name" | "team" | "thresholdSeconds" | "objective" | "window" | "minEvents" | "status"> & {
    alerting: AlertSettings;
  };

/** Where the SLO's series live and which `le` the good count reads. */
export interface RuleTarget {
  profile: ProducerProfile;
  /**
   * Spellings of the boundary the good count reads: the threshold when it is a boundary, else the
   * boundary below it (the status page's conservative count, lib/promql/buckets.ts decideFit); null
   * when no boundary lies at or below the threshold (good is then 0).
   */
  le: LeSpellings | null;
}

export interface RuleOptions {
  /** Base URL of the Sightline app for links in annotations (SIGHTLINE_PUBLIC_URL); null: no links. */
  publicUrl: string | null;
  /** Evaluation interval of each SLO's group in seconds; must divide 300 (the offset sums rely on it). */
  intervalSeconds: number;
}

export interface RecordingRule {
  record: string;
  expr: PromQL;
  labels: Record<string, string>;
}

export interface AlertingRule {
  alert: string;
  expr: PromQL;
  /** Seconds the condition must hold before the alert fires. */
  forSeconds: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface RuleGroup {
  name: string;
  intervalSeconds: number;
  rules: (RecordingRule | AlertingRule)[];
}
