import { useEffect } from 'preact/hooks';
import { useLocation } from './hooks/useLocation.ts';
import { interceptLinkClicks } from './lib/navigation.ts';
import { parseRoute } from './lib/route.ts';
import { AccountPage } from './pages/AccountPage.tsx';
import { AdminPage } from './pages/AdminPage.tsx';
import { ClassesPage } from './pages/ClassesPage.tsx';
import { ClassJoinPage } from './pages/ClassJoinPage.tsx';
import { ClassPage } from './pages/ClassPage.tsx';
import { DashboardPage } from './pages/DashboardPage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { MySubmissionsPage } from './pages/MySubmissionsPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { PlaybackPage } from './pages/PlaybackPage.tsx';
import { ProblemPage } from './pages/ProblemPage.tsx';
import { ProblemsPage } from './pages/ProblemsPage.tsx';
import { RegisterPage } from './pages/RegisterPage.tsx';
import { ResetPasswordPage } from './pages/ResetPasswordPage.tsx';
import { RoomPage } from './pages/RoomPage.tsx';
import { SubmissionPage } from './pages/SubmissionPage.tsx';
import { SessionProvider } from './session/SessionContext.tsx';

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
