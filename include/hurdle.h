/*
 * hurdle.h - the umbrella header: measures the friction between customers
 * and offers (rebates, signups, pricing pages).
 */
#ifndef HURDLE_H
#define HURDLE_H

#include <hurdle/common.h>
#include <hurdle/ctx.h>
#include <hurdle/report.h>
#include <hurdle/rules.h>
#include <hurdle/scan.h>

#endif
