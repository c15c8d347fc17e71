/**
 * A snapshot's forms written out: the 财政项目支出绩效自评表 as an XLSX workbook in the official layout, and the
 * 预算管理一体化 self-evaluation rows as CSV and JSON. Each form arrives as the JSON object the scoring-service
 * serves ({@code GET /projects/{id}/form}, the structure of forms-2023.json); nothing here reads a database.
 */
package io.jixiao.exports;
