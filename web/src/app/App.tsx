import { useState } from 'react';
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
import { UsersPage } from '../modules/admin-users/UsersPage.js';
import { AuditPage } from '../modules/admin-users/AuditPage.js';
import { FirstAdminPage } from '../modules/bootstrap/FirstAdminPage.js';
import { CheckPage } from '../modules/checks/CheckPage.js';
import { RegistrySearchPage } from '../modules/registry/RegistrySearchPage.js';
import { DoctorRecordPage } from '../modules/registry/DoctorRecordPage.js';
import { ChangeRequestsPage } from '../modules/registry/ChangeRequestsPage.js';
import { RegistrationPage } from '../modules/registry/RegistrationPage.js';
import { ChangeRequestPage } from '../modules/registry/ChangeRequestPage.js';
import { ExportPage } from '../modules/registry/ExportPage.js';
import { SecurityPage } from '../modules/registry/SecurityPage.js';
import { MyContactsPage } from '../modules/self-registry/MyContactsPage.js';
import { NotMePage } from '../modules/self-registry/NotMePage.js';
import { ActivationPage } from '../modules/self-registry/ActivationPage.js';
import { ReportPage } from '../modules/reports/ReportPage.js';
import { ReportConfirmPage } from '../modules/reports/ReportConfirmPage.js';
import { ReportFollowPage } from '../modules/reports/ReportFollowPage.js';
import { MyReportsPage } from '../modules/reports/MyReportsPage.js';
import { ReportQueuePage } from '../modules/triage/ReportQueuePage.js';
import { ReportDetailPage } from '../modules/triage/ReportDetailPage.js';
import { CampaignsPage } from '../modules/campaigns/CampaignsPage.js';
import { CampaignPage } from '../modules/campaigns/CampaignPage.js';
import { HeldIndicatorsPage } from '../modules/campaigns/HeldIndicatorsPage.js';
import { PublicAlertsPage } from '../modules/alerts/PublicAlertsPage.js';
import { AlertsAdminPage } from '../modules/alerts/AlertsAdminPage.js';
import { AlertDraftPage } from '../modules/alerts/AlertDraftPage.js';
import { AlertPage } from '../modules/alerts/AlertPage.js';
import { WatchlistsPage } from '../modules/watchlists/WatchlistsPage.js';
import { DashboardPage } from '../modules/dashboard/DashboardPage.js';

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
