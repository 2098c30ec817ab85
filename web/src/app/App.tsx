import { lazy, useState } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Route, Routes } from 'react-router';
import { ErrorBoundary } from '../components/ErrorBoundary.js';
import { createQueryClient } from './query-client.js';
import { AppShell } from './AppShell.js';
import { RequirePermission, RequireSession } from './guards.js';
import { NotFoundPage } from './NotFoundPage.js';
import { LoginPage } from '../modules/auth/LoginPage.js';
import { PasswordForgotPage } from '../modules/auth/PasswordForgotPage.js';
import { PasswordResetPage } from '../modules/auth/PasswordResetPage.js';
import { AccountPage } from '../modules/account/AccountPage.js';
import { HomePage } from '../modules/home/HomePage.js';
import { FirstAdminPage } from '../modules/bootstrap/FirstAdminPage.js';
import { CheckPage } from '../modules/checks/CheckPage.js';
import { MyContactsPage } from '../modules/self-registry/MyContactsPage.js';
import { NotMePage } from '../modules/self-registry/NotMePage.js';
import { ActivationPage } from '../modules/self-registry/ActivationPage.js';
import { ReportPage } from '../modules/reports/ReportPage.js';
import { ReportConfirmPage } from '../modules/reports/ReportConfirmPage.js';
import { ReportFollowPage } from '../modules/reports/ReportFollowPage.js';
import { MyReportsPage } from '../modules/reports/MyReportsPage.js';
import { PublicAlertsPage } from '../modules/alerts/PublicAlertsPage.js';
import { DriftVigilancePage } from '../modules/dpc/DriftVigilancePage.js';

// Staff screens load on demand: a doctor on a phone downloads only the public and doctor pages.
const UsersPage = lazy(() => import('../modules/admin-users/UsersPage.js').then((m) => ({ default: m.UsersPage })));
const AuditPage = lazy(() => import('../modules/admin-users/AuditPage.js').then((m) => ({ default: m.AuditPage })));
const RegistrySearchPage = lazy(() => import('../modules/registry/RegistrySearchPage.js').then((m) => ({ default: m.RegistrySearchPage })));
const DoctorRecordPage = lazy(() => import('../modules/registry/DoctorRecordPage.js').then((m) => ({ default: m.DoctorRecordPage })));
const ChangeRequestsPage = lazy(() => import('../modules/registry/ChangeRequestsPage.js').then((m) => ({ default: m.ChangeRequestsPage })));
const RegistrationPage = lazy(() => import('../modules/registry/RegistrationPage.js').then((m) => ({ default: m.RegistrationPage })));
const ChangeRequestPage = lazy(() => import('../modules/registry/ChangeRequestPage.js').then((m) => ({ default: m.ChangeRequestPage })));
const ExportPage = lazy(() => import('../modules/registry/ExportPage.js').then((m) => ({ default: m.ExportPage })));
const SecurityPage = lazy(() => import('../modules/registry/SecurityPage.js').then((m) => ({ default: m.SecurityPage })));
const ReportQueuePage = lazy(() => import('../modules/triage/ReportQueuePage.js').then((m) => ({ default: m.ReportQueuePage })));
const ReportDetailPage = lazy(() => import('../modules/triage/ReportDetailPage.js').then((m) => ({ default: m.ReportDetailPage })));
const CampaignsPage = lazy(() => import('../modules/campaigns/CampaignsPage.js').then((m) => ({ default: m.CampaignsPage })));
const CampaignPage = lazy(() => import('../modules/campaigns/CampaignPage.js').then((m) => ({ default: m.CampaignPage })));
const HeldIndicatorsPage = lazy(() => import('../modules/campaigns/HeldIndicatorsPage.js').then((m) => ({ default: m.HeldIndicatorsPage })));
const AlertsAdminPage = lazy(() => import('../modules/alerts/AlertsAdminPage.js').then((m) => ({ default: m.AlertsAdminPage })));
const AlertDraftPage = lazy(() => import('../modules/alerts/AlertDraftPage.js').then((m) => ({ default: m.AlertDraftPage })));
const AlertPage = lazy(() => import('../modules/alerts/AlertPage.js').then((m) => ({ default: m.AlertPage })));
const WatchlistsPage = lazy(() => import('../modules/watchlists/WatchlistsPage.js').then((m) => ({ default: m.WatchlistsPage })));
const DashboardPage = lazy(() => import('../modules/dashboard/DashboardPage.js').then((m) => ({ default: m.DashboardPage })));

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <ErrorBoundary>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <Routes>
            <Route element={<AppShell />}>
              <Route element={<RequireSession allow={['anonymous', 'pending_second_factor']} />}>
                <Route path="/connexion" element={<LoginPage />} />
              </Route>
              <Route path="/mot-de-passe-oublie" element={<PasswordForgotPage />} />
              <Route path="/reinitialiser-mot-de-passe" element={<PasswordResetPage />} />
              <Route path="/premier-administrateur" element={<FirstAdminPage />} />
              {/* Public: anyone may check a suspicious message, with or without an account. */}
              <Route path="/verifier" element={<CheckPage />} />
              {/* Public: the token of an emailed link, or the code handed over at the counter, is the credential. */}
              <Route path="/ce-netait-pas-moi" element={<NotMePage />} />
              <Route path="/activer-mon-compte" element={<ActivationPage />} />
              {/* Public: a doctor logged in, or anyone whose address is confirmed by a link, may report. */}
              <Route path="/signaler" element={<ReportPage />} />
              <Route path="/signaler/confirmer" element={<ReportConfirmPage />} />
              <Route path="/suivi" element={<ReportFollowPage />} />
              <Route path="/alertes" element={<PublicAlertsPage />} />
              <Route path="/vigilance-dpc" element={<DriftVigilancePage />} />
              <Route element={<RequireSession allow={['active', 'pending_enrollment']} />}>
                <Route path="/compte" element={<AccountPage />} />
              </Route>
              <Route element={<RequireSession allow={['active']} />}>
                <Route index element={<HomePage />} />
                <Route element={<RequirePermission permission="users:read" />}>
                  <Route path="/admin/utilisateurs" element={<UsersPage />} />
                </Route>
                <Route element={<RequirePermission permission="audit:read" />}>
                  <Route path="/admin/journal" element={<AuditPage />} />
                </Route>
                <Route element={<RequirePermission permission="registry:read" />}>
                  <Route path="/tableau" element={<RegistrySearchPage />} />
                  <Route path="/tableau/demandes" element={<ChangeRequestsPage />} />
                  <Route path="/tableau/inscription" element={<RegistrationPage />} />
                  <Route path="/tableau/demandes/:id" element={<ChangeRequestPage />} />
                </Route>
                <Route element={<RequirePermission permission="registry:read_record" />}>
                  <Route path="/tableau/medecins/:id" element={<DoctorRecordPage />} />
                </Route>
                <Route element={<RequirePermission permission="registry:export" />}>
                  <Route path="/tableau/export" element={<ExportPage />} />
                </Route>
                <Route element={<RequirePermission permission="registry:security" />}>
                  <Route path="/tableau/securite" element={<SecurityPage />} />
                </Route>
                <Route element={<RequirePermission permission="report:read_own" />}>
                  <Route path="/mes-signalements" element={<MyReportsPage />} />
                </Route>
                <Route element={<RequirePermission permission="report:triage" />}>
                  <Route path="/signalements" element={<ReportQueuePage />} />
                  <Route path="/signalements/:id" element={<ReportDetailPage />} />
                </Route>
                <Route element={<RequirePermission permission="campaign:read" />}>
                  <Route path="/campagnes" element={<CampaignsPage />} />
                  <Route path="/campagnes/:id" element={<CampaignPage />} />
                </Route>
                <Route element={<RequirePermission permission="indicator:manage" />}>
                  <Route path="/indicateurs" element={<HeldIndicatorsPage />} />
                </Route>
                <Route element={<RequirePermission permission="alert:draft" />}>
                  <Route path="/alertes/gestion" element={<AlertsAdminPage />} />
                  <Route path="/alertes/gestion/nouvelle" element={<AlertDraftPage />} />
                  <Route path="/alertes/gestion/:id" element={<AlertPage />} />
                </Route>
                <Route element={<RequirePermission permission="watchlist:manage" />}>
                  <Route path="/veille" element={<WatchlistsPage />} />
                </Route>
                <Route element={<RequirePermission permission="dashboard:read" />}>
                  <Route path="/tableau-de-bord" element={<DashboardPage />} />
                </Route>
                <Route element={<RequirePermission permission="self_registry:read" />}>
                  <Route path="/mes-coordonnees" element={<MyContactsPage />} />
                </Route>
              </Route>
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </QueryClientProvider>
    </ErrorBoundary>
  );
}
