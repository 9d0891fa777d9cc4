/**
 * The pre-order reminder's settings and memory, per counter PC (localStorage): how many minutes
 * before the delivery time to ring, and which reminders have rung / been seen, so a reload
 * neither rings again nor forgets one still showing.
 */
import { useSyncExternalStore } from 'react';

export const LEAD_STORAGE_KEY = 'waimai-desk-preorder-lead-minutes';
const DONE_STORAGE_KEY = 'waimai-desk-preorder-reminders';
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

/** One reminder: an order and the delivery time it was for (a changed time is a new reminder). */
export function reminderId(key: string, deliveryTime: string): string {
  return `${key}@${deliveryTime}`;
}

/** Reminders already rung (`rung`) and already seen (`seen`), ISO delivery times kept to prune. */
export interface ReminderMemory {
  rung: string[];
  seen: string[];
}

export function loadMemory(): ReminderMemory {
  try {
    const raw = JSON.parse(localStorage.getItem(DONE_STORAGE_KEY) ?? '{}') as Partial<ReminderMemory>;
    const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);
    return { rung: list(raw.rung), seen: list(raw.seen) };
  } catch {
    return { rung: [], seen: [] };
  }
}

/** Saved with reminders for deliveries more than two days past dropped (bounded). */
export function saveMemory(memory: ReminderMemory, nowMs: number): void {
  const fresh = (id: string): boolean => {
    const t = Date.parse(id.slice(id.lastIndexOf('@') + 1));
    return Number.isNaN(t) || t > nowMs - 2 * 86_400_000;
  };
  const keep = { rung: memory.rung.filter(fresh).slice(-500), seen: memory.seen.filter(fresh).slice(-500) };
  localStorage.setItem(DONE_STORAGE_KEY, JSON.stringify(keep));
}
