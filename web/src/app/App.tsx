import { lazy, useState } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Route, Routes } from 'react-router';
import { ErrorBoundary } from '../components/ErrorBoundary.js';
import { createQueryClient } from './query-client.js';
import { AppShell } from './AppShell.js';
import { RequireAnyPermission, RequirePermission, RequireSession } from './guards.js';
import { NotFoundPage } from './NotFoundPage.js';
import { LoginPage } from '../modules/auth/LoginPage.js';
import { PasswordForgotPage } from '../modules/auth/PasswordForgotPage.js';
import { PasswordResetPage } from '../modules/auth/PasswordResetPage.js';
import { AccountPage } from '../modules/account/AccountPage.js';
import { HomeRoute } from './HomeRoute.js';
import { LegalNoticePage } from '../modules/legal/LegalNoticePage.js';
import { PersonalDataPage } from '../modules/legal/PersonalDataPage.js';
import { AccessibilityPage } from '../modules/legal/AccessibilityPage.js';
import { ContactPage } from '../modules/legal/ContactPage.js';
import { GenuineMessagesPage } from '../modules/legal/GenuineMessagesPage.js';
import { FirstAdminPage } from '../modules/bootstrap/FirstAdminPage.js';
import { CheckPage } from '../modules/checks/CheckPage.js';
import { MyContactsPage } from '../modules/self-registry/MyContactsPage.js';
import { NotMePage } from '../modules/self-registry/NotMePage.js';
import { ActivationPage } from '../modules/self-registry/ActivationPage.js';
import { ReportPage } from '../modules/reports/ReportPage.js';
import { ReportConfirmPage } from '../modules/reports/ReportConfirmPage.js';
import { ReportFollowPage } from '../modules/reports/ReportFollowPage.js';
import { MyReportsPage } from '../modules/reports/MyReportsPage.js';
import { OwnReportPage } from '../modules/reports/OwnReportPage.js';
import { PublicAlertsPage } from '../modules/alerts/PublicAlertsPage.js';
import { DriftVigilancePage } from '../modules/dpc/DriftVigilancePage.js';
import { SignalementFormPage } from '../modules/dpc/SignalementFormPage.js';
import { ContradictoryAnswerPage } from '../modules/dpc/ContradictoryAnswerPage.js';

// Staff screens load on demand: a doctor on a phone downloads only the public and doctor pages.
const MySignalementsPage = lazy(() => import('../modules/dpc/MySignalementsPage.js').then((m) => ({ default: m.MySignalementsPage })));
const SignalementQueuePage = lazy(() => import('../modules/dpc/SignalementQueuePage.js').then((m) => ({ default: m.SignalementQueuePage })));
const SignalementPage = lazy(() => import('../modules/dpc/SignalementPage.js').then((m) => ({ default: m.SignalementPage })));
const DpcStatsPage = lazy(() => import('../modules/dpc/DpcStatsPage.js').then((m) => ({ default: m.DpcStatsPage })));
const CataloguePage = lazy(() => import('../modules/dpc/CataloguePage.js').then((m) => ({ default: m.CataloguePage })));
const CatalogueActionPage = lazy(() => import('../modules/dpc/CatalogueActionPage.js').then((m) => ({ default: m.CatalogueActionPage })));
const RescreeningsPage = lazy(() => import('../modules/dpc/RescreeningsPage.js').then((m) => ({ default: m.RescreeningsPage })));
const CatalogueImportPage = lazy(() => import('../modules/dpc/CatalogueImportPage.js').then((m) => ({ default: m.CatalogueImportPage })));
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
const EntraidePage = lazy(() => import('../modules/entraide/EntraidePage.js').then((m) => ({ default: m.EntraidePage })));
const OwnRequestPage = lazy(() => import('../modules/entraide/OwnRequestPage.js').then((m) => ({ default: m.OwnRequestPage })));
const RelativeRequestPage = lazy(() => import('../modules/entraide/RelativeRequestPage.js').then((m) => ({ default: m.RelativeRequestPage })));
const MyEntraideRequestsPage = lazy(() => import('../modules/entraide/MyEntraideRequestsPage.js').then((m) => ({ default: m.MyEntraideRequestsPage })));
const CallsPage = lazy(() => import('../modules/entraide/CallsPage.js').then((m) => ({ default: m.CallsPage })));
const RecordRequestPage = lazy(() => import('../modules/entraide/RecordRequestPage.js').then((m) => ({ default: m.RecordRequestPage })));
const EntraideCasesPage = lazy(() => import('../modules/entraide-commission/CasesPage.js').then((m) => ({ default: m.CasesPage })));
const EntraideCasePage = lazy(() => import('../modules/entraide-commission/CasePage.js').then((m) => ({ default: m.CasePage })));
const EntraideBudgetPage = lazy(() => import('../modules/entraide-commission/BudgetPage.js').then((m) => ({ default: m.BudgetPage })));
const EntraideStatsPage = lazy(() => import('../modules/entraide-commission/StatsPage.js').then((m) => ({ default: m.StatsPage })));
const EntraideAdminPage = lazy(() => import('../modules/entraide-commission/EntraideAdminPage.js').then((m) => ({ default: m.EntraideAdminPage })));

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
              <Route path="/vigilance-dpc/signaler" element={<SignalementFormPage />} />
              <Route path="/vigilance-dpc/reponse" element={<ContradictoryAnswerPage />} />
              {/* Public: helplines and a relative's request need no account (docs/entraide.md). */}
              <Route path="/entraide" element={<EntraidePage />} />
              <Route path="/entraide/proche" element={<RelativeRequestPage />} />
              {/* Public: the front page (the check and the alerts without an account) and the site's information pages. */}
              <Route index element={<HomeRoute />} />
              <Route path="/mentions-legales" element={<LegalNoticePage />} />
              <Route path="/donnees-personnelles" element={<PersonalDataPage />} />
              <Route path="/accessibilite" element={<AccessibilityPage />} />
              <Route path="/contact" element={<ContactPage />} />
              <Route path="/messages-authentiques" element={<GenuineMessagesPage />} />
              <Route element={<RequireSession allow={['active', 'pending_enrollment']} />}>
                <Route path="/compte" element={<AccountPage />} />
              </Route>
              <Route element={<RequireSession allow={['active']} />}>
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
                  <Route path="/mes-signalements/:recu" element={<OwnReportPage />} />
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
                <Route element={<RequirePermission permission="entraide:request" />}>
                  <Route path="/entraide/demande" element={<OwnRequestPage />} />
                  <Route path="/entraide/mes-demandes" element={<MyEntraideRequestsPage />} />
                </Route>
                <Route element={<RequirePermission permission="entraide:call_log" />}>
                  <Route path="/entraide/appels" element={<CallsPage />} />
                </Route>
                <Route element={<RequirePermission permission="entraide:record" />}>
                  <Route path="/entraide/enregistrer" element={<RecordRequestPage />} />
                </Route>
                <Route element={<RequirePermission permission="entraide:case_read" />}>
                  <Route path="/entraide/dossiers" element={<EntraideCasesPage />} />
                  <Route path="/entraide/dossiers/:id" element={<EntraideCasePage />} />
                  <Route path="/entraide/dossiers/:id/budget" element={<EntraideBudgetPage />} />
                </Route>
                <Route element={<RequirePermission permission="entraide:stats_read" />}>
                  <Route path="/entraide/statistiques" element={<EntraideStatsPage />} />
                </Route>
                <Route element={<RequirePermission permission="dpc:signalement_read_own" />}>
                  <Route path="/vigilance-dpc/mes-signalements" element={<MySignalementsPage />} />
                </Route>
                <Route element={<RequireAnyPermission permissions={['dpc:signalement_triage', 'dpc:signalement_review']} />}>
                  <Route path="/vigilance-dpc/signalements" element={<SignalementQueuePage />} />
                  <Route path="/vigilance-dpc/signalements/:id" element={<SignalementPage />} />
                </Route>
                <Route element={<RequirePermission permission="dpc:stats_read" />}>
                  <Route path="/vigilance-dpc/statistiques" element={<DpcStatsPage />} />
                </Route>
                <Route element={<RequirePermission permission="dpc:catalogue_read" />}>
                  <Route path="/vigilance-dpc/catalogue" element={<CataloguePage />} />
                  <Route path="/vigilance-dpc/catalogue/:id" element={<CatalogueActionPage />} />
                  <Route path="/vigilance-dpc/controles" element={<RescreeningsPage />} />
                </Route>
                <Route element={<RequirePermission permission="dpc:catalogue_import" />}>
                  <Route path="/vigilance-dpc/import" element={<CatalogueImportPage />} />
                </Route>
                <Route element={<RequirePermission permission="entraide:mandates_manage" />}>
                  <Route path="/admin/entraide" element={<EntraideAdminPage />} />
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
