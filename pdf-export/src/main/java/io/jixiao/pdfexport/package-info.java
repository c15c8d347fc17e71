/**
 * A snapshot's forms written out as a PDF in the official layout of the 财政项目支出绩效自评表, one form per page,
 * its Chinese text in a CJK font the build brings with it. Each form arrives as the JSON object the scoring-service
 * serves ({@code GET /projects/{id}/form}); nothing here reads a database.
 */
package io.jixiao.pdfexport;
