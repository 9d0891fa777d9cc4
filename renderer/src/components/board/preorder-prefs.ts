/**
 * The pre-order reminder's lead, per counter PC (localStorage): how many minutes before the
 * delivery time to ring. Whether a reminder has come and been started is kept on the order
 * itself by the desk (shared/owed.ts), not here.
 */
import { useSyncExternalStore } from 'react';

export const LEAD_STORAGE_KEY = 'waimai-desk-preorder-lead-minutes';
export const DEFAULT_LEAD_MINUTES = 30;
export const MAX_LEAD_MINUTES = 24 * 60;

const listeners = new Set<() => void>();
let lead: number | null = null;

export function parseLead(stored: string | null): number {
  const n = Number(stored);
  return stored !== null && stored.trim() !== '' && Number.isInteger(n) && n >= 0 && n <= MAX_LEAD_MINUTES
    ? n
    : DEFAULT_LEAD_MINUTES;
}

function readLead(): number {
  lead ??= parseLead(localStorage.getItem(LEAD_STORAGE_KEY));
  return lead;
}

export function setLeadMinutes(minutes: number): void {
  lead = parseLead(String(Math.round(minutes)));
  localStorage.setItem(LEAD_STORAGE_KEY, String(lead));
  listeners.forEach((l) => l());
}

/** Forget the cached copy (tests start each case from localStorage). */
export function resetLeadCache(): void {
  lead = null;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useLeadMinutes(): number {
  return useSyncExternalStore(subscribe, readLead);
}
