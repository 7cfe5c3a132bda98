import { useEffect } from 'preact/hooks';
import { lazyPage } from './components/lazyPage.tsx';
import { useLocation } from './hooks/useLocation.ts';
import { interceptLinkClicks } from './lib/navigation.ts';
import { parseRoute } from './lib/route.ts';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { RoomPage } from './pages/RoomPage.tsx';
import { SessionProvider } from './session/SessionContext.tsx';

// Every page but the room's comes with the page, not with the app; the server preloads
// the files of the page a visit starts on (room-server/src/http/webIndex.ts), so the ones
// where people arrive (home, sign-in) cost no round trip more.
const HomePage = lazyPage(() => import('./pages/HomePage.tsx').then((m) => m.HomePage));
const LoginPage = lazyPage(() => import('./pages/LoginPage.tsx').then((m) => m.LoginPage));
const ClassesPage = lazyPage(() => import('./pages/ClassesPage.tsx').then((m) => m.ClassesPage));
const ClassJoinPage = lazyPage(() => import('./pages/ClassJoinPage.tsx').then((m) => m.ClassJoinPage));
const ClassPage = lazyPage(() => import('./pages/ClassPage.tsx').then((m) => m.ClassPage));
const DashboardPage = lazyPage(() => import('./pages/DashboardPage.tsx').then((m) => m.DashboardPage));
const MySubmissionsPage = lazyPage(() => import('./pages/MySubmissionsPage.tsx').then((m) => m.MySubmissionsPage));
const PlaybackPage = lazyPage(() => import('./pages/PlaybackPage.tsx').then((m) => m.PlaybackPage));
const ProblemPage = lazyPage(() => import('./pages/ProblemPage.tsx').then((m) => m.ProblemPage));
const ProblemsPage = lazyPage(() => import('./pages/ProblemsPage.tsx').then((m) => m.ProblemsPage));
const RegisterPage = lazyPage(() => import('./pages/RegisterPage.tsx').then((m) => m.RegisterPage));
const SubmissionPage = lazyPage(() => import('./pages/SubmissionPage.tsx').then((m) => m.SubmissionPage));
const AdminPage = lazyPage(() => import('./pages/AdminPage.tsx').then((m) => m.AdminPage));
const AccountPage = lazyPage(() => import('./pages/AccountPage.tsx').then((m) => m.AccountPage));
const ResetPasswordPage = lazyPage(() => import('./pages/ResetPasswordPage.tsx').then((m) => m.ResetPasswordPage));

/** The app: who is signed in (SessionProvider) and which page the path names. */
export function App() {
  useEffect(() => interceptLinkClicks(document.body), []);
  return (
    <SessionProvider>
      <Router />
    </SessionProvider>
  );
}

function Router() {
  const { pathname, search } = useLocation();
  const route = parseRoute(pathname);

  // A new page starts at its top, with focus where a screen reader expects it.
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [pathname]);

  switch (route.page) {
    case 'home':
      return <HomePage />;
    case 'login':
      return <LoginPage />;
    case 'register':
      return <RegisterPage />;
    case 'account':
      return <AccountPage />;
    case 'reset-password':
      return <ResetPasswordPage />;
    case 'problems':
      return <ProblemsPage />;
    case 'problem':
      return <ProblemPage key={route.slug} slug={route.slug} />;
    case 'room':
      // Keyed so that moving to another room builds a fresh connection and editors.
      return <RoomPage key={route.roomId} roomId={route.roomId} />;
    case 'room-playback':
      return <PlaybackPage key={route.roomId} roomId={route.roomId} search={search} />;
    case 'room-not-found':
      return <NotFoundPage what="room" />;
    case 'admin':
    case 'admin-users':
    case 'admin-problems':
    case 'admin-problem-new':
    case 'admin-problem-edit':
      return <AdminPage route={route} />;
    case 'my-submissions':
      return <MySubmissionsPage />;
    case 'submission':
      return <SubmissionPage key={route.id} id={route.id} />;
    case 'classes':
      return <ClassesPage />;
    case 'class':
      return <ClassPage key={route.classId} classId={route.classId} />;
    case 'class-join':
      return <ClassJoinPage key={route.token} token={route.token} />;
    case 'dashboard':
      return <DashboardPage />;
    case 'not-found':
      return <NotFoundPage what="page" />;
    default: {
      const unreachable: never = route;
      return unreachable;
    }
  }
}
