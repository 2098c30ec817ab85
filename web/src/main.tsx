import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import './styles.css';
import { installFrenchTypography } from './lib/typography.js';

const root = document.getElementById('root');
if (!root) throw new Error('Élément #root introuvable');

installFrenchTypography(root);
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
