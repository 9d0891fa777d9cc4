import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectDesk } from './api/desk-client.js';
import App from './App.js';
import './i18n/index.js';
import { DeskContext, startDesk } from './state/use-desk.js';
import './styles.css';

const desk = connectDesk();
startDesk(desk);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DeskContext.Provider value={desk}>
      <App />
    </DeskContext.Provider>
  </StrictMode>,
);
