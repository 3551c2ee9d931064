/*
 * metrics.c — partition agreement (ARI, NMI) and label quality (precision,
 * recall, F1) from counts.  Pure arithmetic; sources in eval.h.
 */
#include <math.h>

#include "eval.h"

static double choose2(uint64_t n)
{
    return (double)n * ((double)n - 1.0) / 2.0;
}

double cib_eval_ari(const cib_contingency *t)
{
    double sum_cells = 0, sum_rows = 0, sum_cols = 0;
    uint64_t n = 0;
    for (size_t i = 0; i < t->rows; i++) {
        uint64_t row = 0;
        for (size_t j = 0; j < t->cols; j++) {
            uint64_t c = t->cells[i * t->cols + j];
            sum_cells += choose2(c);
            row += c;
        }
        sum_rows += choose2(row);
        n += row;
    }
    for (size_t j = 0; j < t->cols; j++) {
        uint64_t col = 0;
        for (size_t i = 0; i < t->rows; i++)
            col += t->cells[i * t->cols + j];
        sum_cols += choose2(col);
    }
    double total = choose2(n);
    if (total == 0)
        return 1.0;
    double expected = sum_rows * sum_cols / total;
    double max_index = (sum_rows + sum_cols) / 2.0;
    if (max_index == expected)
        return 1.0; /* both partitions trivial alike: undefined, they agree */
    return (sum_cells - expected) / (max_index - expected);
}

static double entropy_term(uint64_t count, uint64_t n)
{
    if (count == 0)
        return 0.0;
    double p = (double)count / (double)n;
    return -p * log(p);
}

double cib_eval_nmi(const cib_contingency *t)
{
    uint64_t n = 0;
    for (size_t k = 0; k < t->rows * t->cols; k++)
        n += t->cells[k];
    if (n == 0)
        return 1.0;
    double h_rows = 0, h_cols = 0, mutual = 0;
    for (size_t i = 0; i < t->rows; i++) {
        uint64_t row = 0;
        for (size_t j = 0; j < t->cols; j++)
            row += t->cells[i * t->cols + j];
        h_rows += entropy_term(row, n);
        for (size_t j = 0; j < t->cols; j++) {
            uint64_t c = t->cells[i * t->cols + j];
            if (c == 0)
                continue;
            uint64_t col = 0;
            for (size_t r = 0; r < t->rows; r++)
                col += t->cells[r * t->cols + j];
            mutual += ((double)c / (double)n) *
                      log((double)c * (double)n / ((double)row * (double)col));
        }
    }
    for (size_t j = 0; j < t->cols; j++) {
        uint64_t col = 0;
        for (size_t i = 0; i < t->rows; i++)
            col += t->cells[i * t->cols + j];
        h_cols += entropy_term(col, n);
    }
    double mean_h = (h_rows + h_cols) / 2.0;
    if (mean_h == 0)
        return 1.0;
    double nmi = mutual / mean_h;
    return nmi < 0 ? 0 : (nmi > 1 ? 1 : nmi);
}

void cib_eval_prf(uint64_t tp, uint64_t fp, uint64_t fn, double *precision,
                  double *recall, double *f1)
{
    *precision = tp + fp ? (double)tp / (double)(tp + fp) : 0.0;
    *recall = tp + fn ? (double)tp / (double)(tp + fn) : 0.0;
    *f1 = *precision + *recall > 0
              ? 2 * *precision * *recall / (*precision + *recall)
              : 0.0;
}
