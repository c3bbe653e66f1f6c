import type { ComponentType } from 'react';
import { ConnectionsPage } from './connections/connections-page';
import { RtaPage } from './rta/rta-page';
import { SchedulesPage } from './schedules/schedules-page';
import { ActivityCodesPage } from './setup/activity-codes-page';
import { AdherenceRulesPage } from './setup/adherence-rules-page';
import { EmployeesPage } from './setup/employees-page';
import { EventMappingsPage } from './setup/event-mappings-page';
import { SchedulingUnitsPage } from './setup/scheduling-units-page';
import { SetupIssuesPage } from './setup/setup-issues-page';
import { SkillsPage } from './setup/skills-page';
import { AdherencePage } from './adherence/adherence-page';
import { ForecastPage } from './forecast/forecast-page';
import { IntradayPage } from './intraday/intraday-page';

/** Navigation groups, in menu order. */
export const NAV_GROUPS = ['Monitor', 'Analyse', 'Plan', 'Setup'] as const;
export type NavGroup = (typeof NAV_GROUPS)[number];

export interface PageEntry {
  /** Full path, e.g. `/console/rta`. */
  path: string;
  /** Menu label and page heading. */
  title: string;
  /** Permission needed to see the menu entry and open the page. */
  permission: string;
  component: ComponentType;
  /** Menu group. */
  group: NavGroup;
}

// One line per page; the menu lists them in this order within each group. The first entry the
// user may open is the landing page after sign-in.
export const pages: PageEntry[] = [
  { path: '/console/rta', title: 'Real-time adherence', permission: 'wfm.rta.read', component: RtaPage, group: 'Monitor' },
  { path: '/console/connections', title: 'Connections', permission: 'wfm.acd.read', component: ConnectionsPage, group: 'Monitor' },
  { path: '/console/intraday', title: 'Intraday manager', permission: 'wfm.intraday.read', component: IntradayPage, group: 'Monitor' },
  { path: '/console/adherence', title: 'Adherence report', permission: 'wfm.adherence.read', component: AdherencePage, group: 'Analyse' },
  { path: '/console/forecast', title: 'Forecast', permission: 'wfm.forecast.read', component: ForecastPage, group: 'Plan' },
  { path: '/console/schedules', title: 'Schedules', permission: 'wfm.schedules.read', component: SchedulesPage, group: 'Plan' },
  { path: '/console/setup/employees', title: 'Employees', permission: 'wfm.setup.read', component: EmployeesPage, group: 'Setup' },
  { path: '/console/setup/scheduling-units', title: 'Scheduling units', permission: 'wfm.setup.read', component: SchedulingUnitsPage, group: 'Setup' },
  { path: '/console/setup/skills', title: 'Skills', permission: 'wfm.setup.read', component: SkillsPage, group: 'Setup' },
  { path: '/console/setup/activity-codes', title: 'Activity codes', permission: 'wfm.setup.read', component: ActivityCodesPage, group: 'Setup' },
  { path: '/console/setup/event-mappings', title: 'Event mappings', permission: 'wfm.setup.read', component: EventMappingsPage, group: 'Setup' },
  { path: '/console/setup/adherence-rules', title: 'Adherence rules', permission: 'wfm.setup.read', component: AdherenceRulesPage, group: 'Setup' },
  { path: '/console/setup/issues', title: 'Data hygiene', permission: 'wfm.setup.read', component: SetupIssuesPage, group: 'Setup' },
];
